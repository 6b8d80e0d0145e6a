using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Security;

public static class AccessContextExtensions
{
    /// <summary>The request's caller and disclosure setting.</summary>
    public static AccessContext Access(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<AccessContext>();
}
