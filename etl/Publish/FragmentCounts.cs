using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// One fragment's session counts, added up straight into the packed words the aggregate tables store
/// (<see cref="PackedCounts"/>): each session adds one to its code's field and one to its category's field.
/// </summary>
internal sealed class FragmentCounts
{
    private static readonly (int Word, int Shift)[] CodeField = FieldsByCodeId(c => c.Column);
    private static readonly (int Word, int Shift)[] CategoryField = FieldsByCodeId(c => CategoryColumns.For(c.Category));
    private static readonly (int Word, int Shift)[] CategoryOnly = FieldsByCategory();

    public ulong[] Words { get; } = new ulong[PackedCounts.Words.Count];

    /// <summary>Sessions counted; no field (a code's or a category's) can hold more.</summary>
    public int Sessions { get; private set; }

    public void Add(byte codeId)
    {
        var (word, shift) = CodeField[codeId];
        Words[word] += 1UL << shift;
        (word, shift) = CategoryField[codeId];
        Words[word] += 1UL << shift;
        Sessions++;
    }

    /// <summary>
    /// A week of DfE session totals: its four categories' counts and no count by code (the file has none), the row
    /// <see cref="AggregateSql.TotalsEnrolmentWeeks"/> defines. Replaces what was counted before.
    /// </summary>
    public void SetTotals(in SessionTotalsRecord totals)
    {
        Clear();
        Set(AttendanceCategory.Present, totals.Present);
        Set(AttendanceCategory.ApprovedEducationalActivity, totals.ApprovedEducationalActivity);
        Set(AttendanceCategory.AuthorisedAbsence, totals.Authorised);
        Set(AttendanceCategory.UnauthorisedAbsence, totals.Unauthorised);
        Sessions = totals.Present + totals.ApprovedEducationalActivity + totals.Authorised + totals.Unauthorised;
    }

    private void Set(AttendanceCategory category, byte count)
    {
        var (word, shift) = CategoryOnly[(int)category];
        Words[word] |= (ulong)count << shift;
    }

    public void Clear()
    {
        Array.Clear(Words);
        Sessions = 0;
    }

    private static (int, int)[] FieldsByCategory()
    {
        var fields = new (int, int)[CategoryColumns.All.Max(c => (int)c) + 1];
        foreach (var category in CategoryColumns.All) fields[(int)category] = PackedCounts.Field(CategoryColumns.For(category));
        return fields;
    }

    private static (int, int)[] FieldsByCodeId(Func<AttendanceCode, string> column)
    {
        var codes = CodeCatalogue.Instance.Codes;
        var fields = new (int, int)[codes.Max(c => c.Id) + 1];
        foreach (var code in codes) fields[code.Id] = PackedCounts.Field(column(code));
        return fields;
    }
}
