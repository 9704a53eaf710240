// SuiteScript 1.0 scheduled script posting to a RESTlet in another account.
function postInvoices() {
  var context = nlapiGetContext();
  var headers = new Array();
  headers['Content-Type'] = 'application/json';
  headers['Authorization'] = 'NLAuth nlauth_account=7654321, nlauth_email=' + context.getSetting('SCRIPT', 'custscript_email') +
    ', nlauth_signature=' + context.getSetting('SCRIPT', 'custscript_password') + ', nlauth_role=1032';
  var response = nlapiRequestURL('https://7654321.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=88&deploy=1', JSON.stringify({ sync: true }), headers, 'POST');
  nlapiLogExecution('DEBUG', 'status', response.getCode());
}
