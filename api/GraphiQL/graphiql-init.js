// Mounts GraphiQL against this server's endpoint. Kept out of the HTML so a strict CSP needs no inline script.
(function () {
  var container = document.getElementById('graphiql');
  var endpoint = container.getAttribute('data-endpoint');

  // Our own fetcher rather than GraphiQL.createFetcher: it asks for the spec's preferred media type and
  // never negotiates multipart/incremental delivery, which this transport does not offer.
  // The header pane's headers (opts.headers, e.g. Authorization) go with every request.
  function fetcher(params, opts) {
    var headers = Object.assign({}, (opts && opts.headers) || {}, {
      'Content-Type': 'application/json',
      'Accept': 'application/graphql-response+json, application/json;q=0.9'
    });
    return fetch(endpoint, {
      method: 'POST',
      headers: headers,
      credentials: 'same-origin',
      body: JSON.stringify(params)
    }).then(function (response) { return response.json(); });
  }

  // Development only, the server pre-fills the header pane with a development token (data-headers); the pane is
  // then opened so the token is seen, and never persisted in localStorage.
  var props = { fetcher: fetcher, shouldPersistHeaders: false };
  var headers = container.getAttribute('data-headers');
  if (headers) {
    props.headers = JSON.stringify(JSON.parse(headers), null, 2);
    props.defaultEditorToolsVisibility = 'headers';
  }
  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, props));
})();
