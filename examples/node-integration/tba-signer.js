// Token-based authentication (OAuth 1.0) signer for a NetSuite RESTlet, still signing with HMAC-SHA1.
const OAuth = require('oauth-1.0a');
const crypto = require('crypto');
const axios = require('axios');

const ACCOUNT = process.env.NETSUITE_ACCOUNT_ID;

async function callRestlet(body) {
  const oauth = OAuth({
    consumer: { key: process.env.NETSUITE_CONSUMER_KEY, secret: process.env.NETSUITE_CONSUMER_SECRET },
    signature_method: 'HMAC-SHA1',
    hash_function(base, key) {
      return crypto.createHmac('sha1', key).update(base).digest('base64');
    },
    realm: ACCOUNT,
  });
  const request = { url: `https://${ACCOUNT}.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=101&deploy=1`, method: 'POST' };
  const token = { key: process.env.NETSUITE_TOKEN_ID, secret: process.env.NETSUITE_TOKEN_SECRET };
  const res = await axios.post(request.url, body, { headers: oauth.toHeader(oauth.authorize(request, token)) });
  return res.data;
}

module.exports = { callRestlet };
