// Node integration that pulls orders from a NetSuite RESTlet.
import axios from 'axios';

const ACCOUNT = process.env.NS_ACCOUNT;
const RESTLET = `https://${ACCOUNT}.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_orders&deploy=1`;

export async function fetchOrders(since) {
  const response = await axios.get(RESTLET, {
    params: { since },
    headers: {
      Authorization: `NLAuth nlauth_account=${ACCOUNT}, nlauth_email=${process.env.NS_EMAIL}, nlauth_signature=${process.env.NS_PASSWORD}, nlauth_role=3`,
      'Content-Type': 'application/json',
    },
  });
  return response.data;
}

// An unrelated Authorization header is not a finding.
export async function fetchWeather(city) {
  const response = await fetch(`https://api.example.com/weather?city=${encodeURIComponent(city)}`, {
    headers: { Authorization: `Bearer ${process.env.WEATHER_TOKEN}` },
  });
  return response.json();
}
