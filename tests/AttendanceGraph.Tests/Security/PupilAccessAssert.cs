using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;

namespace AttendanceGraph.Tests.Security;

/// <summary>The one reading of "allowed or refused" shared by the role × capability matrices.</summary>
public static class PupilAccessAssert
{
    /// <summary>Allowed: no error. Refused: one FORBIDDEN error at <paramref name="field"/> (or a pupil-level field above it), and that field null.</summary>
    public static void GotTheFieldOrForbidden(JsonObject result, string who, string field, bool allowed)
    {
        var errors = result["errors"]?.AsArray() ?? [];
        if (allowed)
        {
            Assert.True(errors.Count == 0, $"{who}: {errors.ToJsonString()}");
            return;
        }
        var error = Assert.Single(errors)!;
        Assert.Equal(ForbiddenError.ErrorCode, (string?)error["extensions"]?["code"]);
        // Refused at the field, or already at the pupil-level field above it (e.g. pupil for pupil.marks).
        var path = string.Join('.', error["path"]!.AsArray().Select(p => p!.ToString()));
        Assert.True(field == path || field.StartsWith(path + ".", StringComparison.Ordinal), $"{who}: refused at {path}, expected {field}");
        JsonNode? answered = result["data"];
        foreach (var step in error["path"]!.AsArray())
        {
            if (answered is null) break;
            answered = step!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? answered[(int)step] : answered[(string)step!];
        }
        Assert.Null(answered); // never silently empty data: the refused field (or its nullable parent) is null
    }
}
