using System.Security.Cryptography;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Every pupil's fixed random record key, 0–255, for cell-key perturbation (schema/Disclosure). A key is an MD5 of a
/// per-warehouse secret and the pupil's id, so it is drawn once, never changes, and needs no column: the secret is
/// written to <c>warehouse_info</c> by the first load that lacks one (new warehouses, and older warehouses on their next
/// load) and is copied forward with every snapshot like the rest of the warehouse. Not the UPN alone: UPNs are
/// guessable, and anyone who could compute a pupil's key could undo the perturbation of the cells that pupil is in.
/// The API never sees the secret: the generated SQL reads it, and fails (rather than keying everyone 0) without it.
/// </summary>
public static class RecordKeys
{
    public const string SecretKey = "record_key_secret";

    /// <summary>Writes a 256-bit random secret unless the warehouse already has one (it must never change).</summary>
    public static void EnsureSecret(DuckDBConnection connection) =>
        connection.Execute("INSERT INTO warehouse_info SELECT $k, $v WHERE NOT EXISTS (SELECT 1 FROM warehouse_info WHERE key = $k)",
            ("k", SecretKey), ("v", Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));

    /// <summary>A query of (pupil_id, record_key) for every pupil.</summary>
    public static string Sql =>
        $"""
        SELECT p.pupil_id, ((md5_number(sk.secret || ':' || p.pupil_id::VARCHAR) % 256 + 256) % 256)::INTEGER AS record_key
        FROM pupils p CROSS JOIN (
          SELECT coalesce(max(value), error('this warehouse has no record-key secret yet: run a load to assign record keys')) AS secret
          FROM warehouse_info WHERE key = '{SecretKey}') sk
        """;
}
