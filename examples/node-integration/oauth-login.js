// Express app that lets users connect their NetSuite account (OAuth 2.0 authorization code, no PKCE yet).
const express = require('express');
const crypto = require('crypto');

const app = express();
const ACCOUNT = process.env.NETSUITE_ACCOUNT_ID;
const AUTHORIZE_URL = `https://${ACCOUNT}.app.netsuite.com/app/login/oauth2/authorize.nl`;
const TOKEN_URL = `https://${ACCOUNT}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;

app.get('/connect', (req, res) => {
  const state = crypto.randomBytes(16).toString('hex');
  req.session.state = state;
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: process.env.NETSUITE_CLIENT_ID,
    redirect_uri: process.env.NETSUITE_REDIRECT_URI,
    scope: 'rest_webservices',
    state,
  });
  res.redirect(`${AUTHORIZE_URL}?${params}`);
});

app.get('/callback', async (req, res) => {
  if (req.query.state !== req.session.state) return res.status(400).send('bad state');
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'Basic ' + Buffer.from(`${process.env.NETSUITE_CLIENT_ID}:${process.env.NETSUITE_CLIENT_SECRET}`).toString('base64'),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: String(req.query.code),
      redirect_uri: process.env.NETSUITE_REDIRECT_URI,
    }),
  });
  req.session.tokens = await response.json();
  res.redirect('/');
});

module.exports = app;
