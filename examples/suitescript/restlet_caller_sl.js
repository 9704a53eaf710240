/**
 * Suitelet that calls a RESTlet of its own account with the user's NetSuite
 * password: the pattern SuiteAuth replaces with https.requestRestlet.
 *
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 */
define(['N/https', 'N/url', 'N/runtime'], (https, url, runtime) => {
  const onRequest = (context) => {
    const script = runtime.getCurrentScript();
    const email = script.getParameter({ name: 'custscript_rl_email' });
    const password = script.getParameter({ name: 'custscript_rl_password' });
    const restletUrl = url.resolveScript({
      scriptId: 'customscript_orders_restlet',
      deploymentId: 'customdeploy_orders_restlet',
      returnExternalUrl: true,
    });
    const response = https.post({
      url: restletUrl,
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'NLAuth nlauth_account=' + runtime.accountId + ', nlauth_email=' + email + ', nlauth_signature=' + password + ', nlauth_role=3',
      },
      body: JSON.stringify({ orderId: context.request.parameters.orderId }),
    });
    context.response.write(response.body);
  };
  return { onRequest };
});
