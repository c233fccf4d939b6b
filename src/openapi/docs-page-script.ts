import { OPENAPI_PATH } from './openapi-document';

// The script of /api/docs (served from this origin: the CSP allows no inline script).
//
// Swagger UI 5.33 virtualizes two lists above fixed thresholds that no option changes: the
// operations once tags plus operations reach 150 rows, the schemas from 100 schemas. Then only
// the rows near the viewport are in the page: the browser's find (Ctrl+F), screen readers'
// heading lists and links to #operations-… miss the rest (swagger-ui issue #11056). Our
// reference is a few hundred rows at most, so the plugin below puts back the full lists: the same
// markup Swagger UI draws below the thresholds, built from its registered components
// (OperationTag, OperationContainer, JSONSchema202012). See docs/decisions.md.
const FULL_LISTS_PLUGIN = String.raw`function fullListsPlugin(system) {
  const h = system.React.createElement;
  const SCHEMAS = ['components', 'schemas'];
  function AllOperations(props) {
    const { specSelectors, getComponent, layoutSelectors, layoutActions, oas3Selectors, getConfigs } = props;
    const tagged = specSelectors.taggedOperations();
    if (tagged.size === 0) return h('h3', null, ' No operations defined in spec!');
    const methods = specSelectors.validOperationMethods();
    const OperationTag = getComponent('OperationTag');
    const OperationContainer = getComponent('OperationContainer', true);
    return h('div', null, tagged.map((tagObj, tag) => h(OperationTag,
      { key: 'operation-' + tag, tagObj, tag, oas3Selectors, layoutSelectors, layoutActions, getConfigs, getComponent, specUrl: specSelectors.url() },
      h('div', { className: 'operation-tag-content' }, tagObj.get('operations').map((op) => {
        const path = op.get('path');
        const method = op.get('method');
        if (methods.indexOf(method) === -1) return null;
        return h(OperationContainer, { key: path + '-' + method, specPath: op.get('specPath'), op, path, method, tag });
      }).toArray()))).valueSeq().toArray());
  }
  function SchemaItem({ schemaName, schema, name, specSelectors, specActions, layoutActions, getComponent }) {
    const JSONSchema202012 = getComponent('JSONSchema202012');
    const path = SCHEMAS.concat([schemaName]);
    const onExpand = (_event, expanded) => {
      if (expanded && specSelectors.specResolvedSubtree(path) == null) specActions.requestResolvedSubtree(path);
      layoutActions.show(path, expanded);
    };
    const ref = (node) => { if (node !== null) layoutActions.readyToScroll(path, node); };
    return JSONSchema202012 ? h(JSONSchema202012, { ref, schema, name, onExpand }) : null;
  }
  function AllSchemas({ specActions, specSelectors, layoutSelectors, layoutActions, getComponent, getConfigs, fn }) {
    const schemas = Object.entries(specSelectors.selectSchemas());
    const { docExpansion, defaultModelsExpandDepth } = getConfigs();
    const open = layoutSelectors.isShown(SCHEMAS, defaultModelsExpandDepth > 0 && docExpansion !== 'none');
    const { getTitle } = fn.jsonSchema202012.useFn();
    system.React.useEffect(() => {
      const anyShown = schemas.some(([name]) => layoutSelectors.isShown(SCHEMAS.concat([name]), false));
      if (open && (defaultModelsExpandDepth > 1 || anyShown) && specSelectors.specResolvedSubtree(SCHEMAS) == null) specActions.requestResolvedSubtree(SCHEMAS);
    }, [open, defaultModelsExpandDepth]);
    if (!schemas.length || defaultModelsExpandDepth < 0) return null;
    const Collapse = getComponent('Collapse');
    const Arrow = getComponent(open ? 'ArrowUpIcon' : 'ArrowDownIcon');
    return h('section', { className: open ? 'models is-open' : 'models', ref: (node) => { if (node !== null) layoutActions.readyToScroll(SCHEMAS, node); } },
      h('h4', null, h('button', { 'aria-expanded': open, className: 'models-control', onClick: () => layoutActions.show(SCHEMAS, !open) }, h('span', null, 'Schemas'), h(Arrow, null))),
      h(Collapse, { isOpened: open }, schemas.map(([schemaName, schema]) => h(SchemaItem,
        { key: schemaName, schemaName, schema, name: getTitle(schema, { lookup: 'basic' }) || schemaName, specSelectors, specActions, layoutActions, getComponent }))));
  }
  return { components: { operations: AllOperations, OAS31Models: AllSchemas } };
}`;

export const DOCS_SCRIPT = `${FULL_LISTS_PLUGIN}
window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  plugins: [fullListsPlugin],
  layout: 'BaseLayout',
});
`;
