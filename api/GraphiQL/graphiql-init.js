// Mounts GraphiQL against this server's endpoint. Kept out of the HTML so a strict CSP needs no inline script.
(function () {
  var container = document.getElementById('graphiql');
  var endpoint = container.getAttribute('data-endpoint');

  // Our own fetcher rather than GraphiQL.createFetcher: it asks for the spec's preferred media type and
  // never negotiates multipart/incremental delivery, which this transport does not offer.
  function fetcher(params) {
    return fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/graphql-response+json, application/json;q=0.9'
      },
      credentials: 'same-origin',
      body: JSON.stringify(params)
    }).then(function (response) { return response.json(); });
  }

  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, { fetcher: fetcher }));
})();
