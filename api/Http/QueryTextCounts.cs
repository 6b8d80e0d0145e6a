using GraphQLParser;
using GraphQLParser.Exceptions;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// What a query text holds, counted by GraphQL-Parser's lexer without building the syntax tree: one pass over
/// the characters, no allocation per node. Lexing stops as soon as the token count passes <c>tokenCap</c>, so a
/// huge text costs no more than the cap. Counting is by position: a name inside a selection set and outside
/// parentheses (arguments, variable definitions, directive arguments) is a field, unless it follows <c>...</c>
/// (a fragment spread or <c>on</c>), <c>on</c> or <c>@</c>; a name followed by <c>:</c> there is an alias.
/// </summary>
internal readonly record struct QueryTextCounts(int Tokens, int Fields, int Aliases, int FragmentSpreads)
{
    public static QueryTextCounts Of(string query, int tokenCap)
    {
        int tokens = 0, fields = 0, aliases = 0, spreads = 0, braces = 0, parens = 0;
        var previous = TokenKind.EOF;
        var previousWasOn = false;
        var source = new ROM(query.AsMemory());
        try
        {
            for (var token = Lexer.Lex(source, 0); token.Kind != TokenKind.EOF && tokens <= tokenCap; token = Lexer.Lex(source, token.End))
            {
                if (token.Kind == TokenKind.COMMENT)
                {
                    continue;
                }
                tokens++;
                var inSelection = braces > 0 && parens == 0;
                switch (token.Kind)
                {
                    case TokenKind.BRACE_L: braces++; break;
                    case TokenKind.BRACE_R: braces--; break;
                    case TokenKind.PAREN_L: parens++; break;
                    case TokenKind.PAREN_R: parens--; break;
                    case TokenKind.COLON when inSelection:
                        // The name before the colon was counted as a field; it was the alias of the name after it.
                        aliases++;
                        fields--;
                        break;
                    case TokenKind.NAME when inSelection:
                        if (previous == TokenKind.SPREAD && !IsOn(token))
                        {
                            spreads++;
                        }
                        else if (previous != TokenKind.SPREAD && previous != TokenKind.AT && !previousWasOn)
                        {
                            fields++;
                        }
                        break;
                }
                previousWasOn = token.Kind == TokenKind.NAME && previous == TokenKind.SPREAD && IsOn(token);
                previous = token.Kind;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // The parser reports the syntax error with its location; the counts so far are all there is to limit.
        }
        return new(tokens, fields, aliases, spreads);
    }

    private static bool IsOn(Token token) => token.Value.Span.SequenceEqual("on");
}
