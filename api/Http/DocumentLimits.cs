namespace AttendanceGraph.Api.Http;

/// <summary>
/// Limits checked on the query text before it is parsed, and on its fragments before it is validated, so a
/// hostile document costs the server a lexer pass instead of the validator's worst case (a 1.7 KB document of
/// nested fragment spreads took about 200 s of CPU in complexity analysis before these existed). GraphiQL's own
/// introspection query (graphql-js 16.11 getIntrospectionQuery with every option on), the largest document we
/// serve, measured 2,053 bytes, 184 tokens, 73 fields, no aliases, 8 fragment spreads and 230 fields expanded.
/// </summary>
public sealed class DocumentLimits
{
    /// <summary>Largest POST body read, in bytes; a larger one is refused with 413 before it is parsed as JSON.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Largest query text, in UTF-8 bytes.</summary>
    public int MaxQueryBytes { get; set; } = 16 * 1024;

    /// <summary>Most lexical tokens (names, punctuation, values; comments excluded) in the query text.</summary>
    public int MaxTokens { get; set; } = 4000;

    /// <summary>Most field selections written in the text (each repetition counts: `{ a a a }` is three).</summary>
    /// <remarks>
    /// The validator's OverlappingFieldsCanBeMerged rule compares every pair of same-named fields, so a text of one
    /// field repeated is quadratic: `node { name }` written 250, 500 and 1000 times validated in 0.4, 1.0 and 4.4 s
    /// (test host, Debug, shared 2-core machine).
    /// </remarks>
    public int MaxFields { get; set; } = 500;

    /// <summary>Most aliased field selections.</summary>
    public int MaxAliases { get; set; } = 50;

    /// <summary>Most fragment spreads (`...Name`) written in the text.</summary>
    public int MaxFragmentSpreads { get; set; } = 100;

    /// <summary>
    /// Most field selections an operation or fragment has once every fragment spread is replaced by the fragment's
    /// body. This is the size the validator and the complexity analysis actually walk.
    /// </summary>
    /// <remarks>Quadratic in validation like <see cref="MaxFields"/>, and reachable from a far shorter text.</remarks>
    public int MaxExpandedFields { get; set; } = 1000;
}
