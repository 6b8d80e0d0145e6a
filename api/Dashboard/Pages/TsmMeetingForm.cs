using System.Globalization;
using System.Text;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// The form that records a Targeting Support Meeting through the API's own mutation (recordTargetingSupportMeeting), so
/// the same rules apply as to any client: la-lead for any school, a school only for itself and its own pupils. The
/// mutation's messages are shown to the user and never logged (they can name a pupil).
/// </summary>
internal static class TsmMeetingForm
{
    private const int ActionRows = 3;

    public static IReadOnlyList<(string Value, string Label)> SupportLevels { get; } =
    [
        ("UNIVERSAL", "Universal"), ("TARGETED", "Targeted"), ("SPECIALIST", "Specialist"),
        ("STATUTORY_ATTENDANCE_CONTRACT", "Attendance contract"), ("STATUTORY_EDUCATION_SUPERVISION_ORDER", "Education supervision order"),
        ("STATUTORY_PENALTY_NOTICE", "Penalty notice"), ("STATUTORY_PROSECUTION", "Prosecution"),
    ];

    public static string Render(DashboardContext context, int urn, IReadOnlyList<string> upns, IReadOnlyList<string>? errors, IFormCollection? form)
    {
        if (!(context.User.IsLaLead || (context.User.IsSchool && context.User.Urn == urn))) return "";
        string V(string name) => E(form?[name].ToString());
        var b = new StringBuilder("<div class=\"ag-no-print\"><h2 class=\"govuk-heading-m\" id=\"record-meeting\">Record the meeting</h2>");
        if (errors is { Count: > 0 })
            b.Append("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">"
                + string.Concat(errors.Select(e => $"<li><a href=\"#meeting-date\">{E(e)}</a></li>")) + "</ul></div></div></div>");
        b.Append($"<form method=\"post\" action=\"{E(context.Link($"/schools/{urn}/tsm"))}\" novalidate>{context.AntiforgeryField()}");
        var date = form?["date"].ToString() is { Length: > 0 } d ? d : DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        b.Append($"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"meeting-date\">Date of the meeting</label><div class=\"govuk-hint\" id=\"meeting-date-hint\">For example, 2026-11-27</div>"
            + $"<input class=\"govuk-input govuk-input--width-10\" id=\"meeting-date\" name=\"date\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"{E(date)}\" aria-describedby=\"meeting-date-hint\"></div>");
        b.Append($"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"attendees\">Attendees</label><div class=\"govuk-hint\" id=\"attendees-hint\">One name and role a line</div>"
            + $"<textarea class=\"govuk-textarea\" id=\"attendees\" name=\"attendees\" rows=\"3\" aria-describedby=\"attendees-hint\">{V("attendees")}</textarea></div>");
        for (var i = 0; i < ActionRows; i++)
        {
            b.Append($"<fieldset class=\"govuk-fieldset govuk-!-margin-bottom-6\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Pupil discussed {i + 1}{(i == 0 ? "" : " (optional)")}</legend>");
            b.Append($"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"upn-{i}\">Pupil (UPN)</label><select class=\"govuk-select\" id=\"upn-{i}\" name=\"upn-{i}\"><option value=\"\">Not used</option>");
            foreach (var upn in upns) b.Append($"<option value=\"{E(upn)}\"{(form?[$"upn-{i}"].ToString() == upn ? " selected" : "")}>{E(upn)}</option>");
            b.Append("</select></div>");
            b.Append($"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"action-{i}\">Agreed action</label><input class=\"govuk-input\" id=\"action-{i}\" name=\"action-{i}\" type=\"text\" value=\"{V($"action-{i}")}\"></div>");
            b.Append($"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"lead-{i}\">Lead practitioner</label><input class=\"govuk-input govuk-input--width-20\" id=\"lead-{i}\" name=\"lead-{i}\" type=\"text\" value=\"{V($"lead-{i}")}\"></div>");
            b.Append($"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"level-{i}\">Support level</label><select class=\"govuk-select\" id=\"level-{i}\" name=\"level-{i}\">");
            foreach (var (value, label) in SupportLevels) b.Append($"<option value=\"{value}\"{(form?[$"level-{i}"].ToString() == value ? " selected" : "")}>{E(label)}</option>");
            b.Append("</select></div></fieldset>");
        }
        b.Append("<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Record the meeting</button></form></div>");
        return b.ToString();
    }

    public static async Task<IResult> PostAsync(DashboardContext context, int urn)
    {
        var form = await Forms.ReadValidatedAsync(context.Http);
        if (form is null) return await TsmPackPage.RenderAsync(context, urn, ["The form had expired: enter the meeting again."], null);
        var errors = new List<string>();
        var attendees = form["attendees"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var actions = new List<Dictionary<string, object?>>();
        for (var i = 0; i < ActionRows; i++)
        {
            var upn = form[$"upn-{i}"].ToString();
            if (upn.Length == 0) continue;
            var action = form[$"action-{i}"].ToString().Trim();
            var lead = form[$"lead-{i}"].ToString().Trim();
            if (action.Length == 0) errors.Add($"Enter the agreed action for pupil discussed {i + 1}.");
            if (lead.Length == 0) errors.Add($"Enter the lead practitioner for pupil discussed {i + 1}.");
            actions.Add(new() { ["upn"] = upn, ["agreedAction"] = action, ["leadPractitioner"] = lead, ["supportLevel"] = form[$"level-{i}"].ToString() });
        }
        if (!DateOnly.TryParseExact(form["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) errors.Add("Enter the date of the meeting as year-month-day.");
        if (attendees.Length == 0) errors.Add("Enter who attended the meeting.");
        if (actions.Count == 0) errors.Add("Choose at least one pupil discussed.");
        if (errors.Count == 0)
        {
            var answer = await context.Documents.RunAsync(context.Http, "RecordTargetingSupportMeeting", new Dictionary<string, object?>
            {
                ["input"] = new Dictionary<string, object?> { ["urn"] = urn, ["date"] = form["date"].ToString(), ["attendees"] = attendees, ["actions"] = actions },
            }, mutation: true);
            if (answer.Errors.Count == 0 && answer.Data?["recordTargetingSupportMeeting"] is not null)
                return Results.Redirect(context.Link($"/schools/{urn}/tsm", ("recorded", "1")) + "#record-meeting");
            errors.AddRange(answer.Errors.Select(e => e.Message));
        }
        return await TsmPackPage.RenderAsync(context, urn, errors, form);
    }
}
