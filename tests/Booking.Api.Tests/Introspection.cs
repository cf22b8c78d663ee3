namespace Booking.Api.Tests;

/// <summary>The introspection query GraphiQL sends when it opens (graphql-js 16's getIntrospectionQuery, 15 levels
/// deep), and its fragments for documents of their own.</summary>
internal static class Introspection
{
    public const string Fragments = """
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
          ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } } } } }
        }
        """;

    public const string Query = """
        query IntrospectionQuery {
          __schema {
            queryType { name kind } mutationType { name kind } subscriptionType { name kind }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }

        """ + Fragments;
}
