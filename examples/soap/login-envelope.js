// SuiteTalk SOAP login with a passport (email and password) on an old endpoint.
const axios = require('axios');

const ENDPOINT = 'https://1234567.suitetalk.api.netsuite.com/services/NetSuitePort_2019_2';

function login(email, password) {
  const envelope = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:messages_2019_2.platform.webservices.netsuite.com" xmlns:urn1="urn:core_2019_2.platform.webservices.netsuite.com">
  <soapenv:Body>
    <urn:login>
      <urn:passport>
        <urn1:email>${email}</urn1:email>
        <urn1:password>${password}</urn1:password>
        <urn1:account>1234567</urn1:account>
        <urn1:role internalId="3"/>
      </urn:passport>
    </urn:login>
  </soapenv:Body>
</soapenv:Envelope>`;
  return axios.post(ENDPOINT, envelope, { headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' } });
}

module.exports = { login };
