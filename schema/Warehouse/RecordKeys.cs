using System.Security.Cryptography;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Every pupil's fixed random record key, 0–255, for cell-key perturbation (schema/Disclosure), in
/// <c>pupil_record_keys</c>. A key is drawn once, when the pupil is first published, as an MD5 of a per-warehouse
/// 256-bit secret and the pupil's id, and then copied forward with every snapshot like the rest of the warehouse; the
/// secret is written to <c>warehouse_info</c> by the first load that lacks one. So a warehouse built before record keys
/// gets them on its next load with no migration of its rows (until then the API refuses disclosure-controlled queries
/// rather than keying anyone 0). Never the UPN alone: UPNs are guessable, and anyone who could compute a pupil's key
/// could undo the perturbation of the cells that pupil is in. Stored rather than hashed per query: MD5 over every pupil
/// in every measure query measured 4.7× the query's time (30k pupils, 132 queries: 22.8 s → 107.4 s).
/// </summary>
public static class RecordKeys
{
    public const string SecretKey = "record_key_secret";
    public const string Table = "pupil_record_keys";

    public const string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          pupil_id INTEGER PRIMARY KEY,
          record_key UTINYINT NOT NULL)
        """;

    /// <summary>Writes a 256-bit random secret unless the warehouse already has one (it must never change).</summary>
    public static void EnsureSecret(DuckDBConnection connection) =>
        connection.Execute("INSERT INTO warehouse_info SELECT $k, $v WHERE NOT EXISTS (SELECT 1 FROM warehouse_info WHERE key = $k)",
            ("k", SecretKey), ("v", Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Draws the keys of pupils that have none yet; existing keys never change.</summary>
    public static void AssignNew(DuckDBConnection connection) => connection.Execute($"""
        INSERT INTO {Table}
        SELECT p.pupil_id, {KeyOfText("sk.secret || ':' || p.pupil_id::VARCHAR")}
        FROM pupils p CROSS JOIN (SELECT value AS secret FROM warehouse_info WHERE key = '{SecretKey}') sk
        WHERE NOT EXISTS (SELECT 1 FROM {Table} k WHERE k.pupil_id = p.pupil_id)
        """);

    /// <summary>
    /// A key from a text: the first byte of its MD5 digest. Keys were first drawn as <c>md5_number(text) % 256</c>, the same
    /// byte (md5_number reads the digest with its first byte least significant, RecordKeysTests), whose 128-bit modulo took
    /// half a second for 100,000 pupils.
    /// </summary>
    public static string KeyOfText(string text) => $"('0x' || substr(md5({text}), 1, 2))::UTINYINT";

    /// <summary>The record key of a row's pupil (alias <paramref name="keys"/> left-joined on pupil_id); fails the query if it has none.</summary>
    public static string KeyOf(string keys) =>
        $"CASE WHEN {keys}.record_key IS NULL THEN error('a pupil has no record key: run a load to assign record keys') ELSE {keys}.record_key::INTEGER END";
}
