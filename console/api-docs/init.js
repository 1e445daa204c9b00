// The API reference: Swagger UI on the OpenAPI document the gateway serves. A file of its
// own, not an inline script, for the console's Content-Security-Policy runs script from
// this origin only.
window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  // Nothing leaves the intranet (nor would the policy let it): the base layout draws no
  // badge from validator.swagger.io, as the standalone one does, and the validator is off
  // should a layout draw it.
  layout: 'BaseLayout',
  validatorUrl: null,
})
