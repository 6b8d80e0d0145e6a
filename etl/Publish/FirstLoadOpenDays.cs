using System.Numerics;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// The days each school has marks on (<see cref="SchoolOpenDays"/>) of a first load, from the registers validation built
/// rather than by <see cref="SchoolOpenDays.Sql"/>'s DISTINCT over every mark (0.2 s of both cores on 38 million marks, against
/// a bit per day per school from the registers' blocks). The SQL stays the definition: later loads refresh their dirty weeks
/// with it, and every first-load test compares the table with it (<c>EtlWarehouse.AssertAggregatesEqualFullRebuild</c>).
/// </summary>
internal static class FirstLoadOpenDays
{
    public static void Write(DuckDBConnection c, MarksIndex registers)
    {
        // A block's days are one word's bits.
        _ = EnrolmentSlot.BlockDays == 64 ? 0 : throw new InvalidOperationException($"a register block is {EnrolmentSlot.BlockDays} days; open days are counted 64 a word");
        var slots = registers.Pupils.SelectMany(p => p.Slots).ToList();
        // A bit per day per school, from the earliest day any register can hold: a register block is 64 days, a word.
        var firstDay = slots.Count == 0 ? 0 : slots.Min(s => s.BaseDay);
        var words = slots.Count == 0 ? 0 : (slots.Max(s => s.BaseDay + s.BlockCount * EnrolmentSlot.BlockDays) - firstDay) / 64 + 2;
        var days = new Dictionary<int, ulong[]>();
        foreach (var slot in slots)
        {
            ulong[]? school = null;
            for (var b = 0; b < slot.BlockCount; b++)
            {
                var block = slot.Block(b);
                if (block.IsEmpty) continue;
                ulong marked = 0;
                for (var k = 0; k < EnrolmentSlot.BlockDays; k++)
                    if ((block[2 * k] | block[2 * k + 1]) != 0) marked |= 1UL << k;
                if (marked == 0) continue;
                if (school is null && !days.TryGetValue(slot.Urn, out school)) days[slot.Urn] = school = new ulong[words];
                var at = slot.BaseDay + b * EnrolmentSlot.BlockDays - firstDay;
                var (word, shift) = (at >> 6, at & 63);
                school[word] |= marked << shift;
                if (shift > 0) school[word + 1] |= marked >> (64 - shift);
            }
        }

        c.Execute($"DELETE FROM {SchoolOpenDays.Table}");
        using var appender = new ColumnarAppender(c, SchoolOpenDays.Table, DuckDBType.Integer, DuckDBType.Date);
        // In the definition's order (urn, date), as the SQL refresh inserts them.
        foreach (var (urn, bits) in days.OrderBy(d => d.Key))
            for (var w = 0; w < bits.Length; w++)
                for (var word = bits[w]; word != 0; word &= word - 1)
                {
                    appender.Column<int>(0)[appender.Row] = urn;
                    appender.Column<int>(1)[appender.Row] = ColumnarAppender.Date(firstDay + w * 64 + BitOperations.TrailingZeroCount(word));
                    appender.EndRow();
                }
        appender.Close();
    }
}
