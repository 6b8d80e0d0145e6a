using AttendanceGraph.Api.Audit;
using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using GraphQL;

namespace AttendanceGraph.Api.Tsm;

/// <summary>
/// Validates and stores a Targeting Support Meeting. The school role may record only for its own URN and only pupils on
/// its roll on the meeting date (FORBIDDEN otherwise, without saying whether the UPN exists elsewhere); for the la-lead a
/// pupil not on the school's roll is BAD_INPUT. The UPNs recorded go to the access audit.
/// </summary>
public static class TargetingSupportMeetingRecorder
{
    public const string BadInput = "BAD_INPUT";

    public static TargetingSupportMeeting Record(IResolveFieldContext c, TargetingSupportMeetingInput input)
    {
        var services = c.RequestServices!;
        var user = c.Access().User;
        if (user.IsSchool && input.Urn != user.Urn)
            throw new ForbiddenError($"the school role may only record meetings for its own school (URN {user.Urn})");
        if (c.Data().Facts.School(input.Urn) is null) throw Bad($"no school with URN {input.Urn}");
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Date > DateOnly.FromDateTime(now)) throw Bad($"the meeting date {input.Date:yyyy-MM-dd} is in the future");
        if (SupportedDates.Refusal("the meeting date", input.Date) is { } why) throw Bad(why);

        var actions = input.Actions.Select(a => new TsmPupilAction
        {
            Upn = a.Upn.Trim().ToUpperInvariant(),
            AgreedAction = a.AgreedAction.Trim(),
            LeadPractitioner = a.LeadPractitioner.Trim(),
            SupportLevel = a.SupportLevel,
        }).ToList();
        if (actions.Any(a => a.AgreedAction.Length == 0 || a.LeadPractitioner.Length == 0))
            throw Bad("every action needs an agreedAction and a leadPractitioner");
        if (actions.GroupBy(a => a.Upn).FirstOrDefault(g => g.Count() > 1) is { })
            throw Bad("a pupil appears more than once in the meeting's actions");
        CheckOnRoll(c, user, input.Urn, input.Date, actions.Select(a => a.Upn).ToList());

        var meeting = new TargetingSupportMeeting
        {
            Urn = input.Urn,
            Date = input.Date,
            Attendees = string.Join('\n', input.Attendees.Select(a => a.Trim()).Where(a => a.Length > 0)),
            RecordedBy = user.Subject,
            RecordedAt = now,
            Actions = actions,
        };
        using (var db = OperationalDb.Open(services.GetRequiredService<WarehousePaths>().OperationalStore))
        {
            db.TargetingSupportMeetings.Add(meeting);
            db.SaveChanges();
        }
        c.RecordPupilAccess(actions.Select(a => a.Upn));
        return meeting;
    }

    /// <summary>Every pupil must be on the school's roll on the meeting date (an enrolment there open on that day).</summary>
    private static void CheckOnRoll(IResolveFieldContext c, AttendanceUser user, int urn, DateOnly date, IReadOnlyList<string> upns)
    {
        if (upns.Count == 0) return;
        var onRoll = c.RequestServices!.GetRequiredService<PupilAccessPolicy>().OnRoll(urn, upns, Period.Range(date, date)).ToHashSet();
        var missing = upns.Count(u => !onRoll.Contains(u));
        if (missing == 0) return;
        if (user.IsSchool)
            throw new ForbiddenError($"{missing} of the pupils are not on the school's roll on {date:yyyy-MM-dd}: a school may record actions only for its own pupils");
        throw Bad($"{missing} of the pupils are not on the roll of school {urn} on {date:yyyy-MM-dd}");
    }

    private static ExecutionError Bad(string message) => new(message) { Code = BadInput };
}
