namespace AttendanceGraph.Tests.Http.Support;

/// <summary>Introspection documents shaped like the ones IDEs send.</summary>
public static class IntrospectionQueries
{
    /// <summary>The full schema query GraphiQL issues on load (TypeRef nests ofType seven times).</summary>
    public const string Full = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    /// <summary>Builds a recursive __type query nested <paramref name="levels"/> ofType levels deep.</summary>
    public static string NestedOfType(int levels) =>
        "{ __type(name: \"Query\") { " + string.Concat(Enumerable.Repeat("ofType { ", levels)) + "name"
        + string.Concat(Enumerable.Repeat(" }", levels)) + " } }";
}
