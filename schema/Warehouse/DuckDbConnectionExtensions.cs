using System.Data.Common;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>Small helpers so callers pass values as parameters, never as SQL text.</summary>
public static class DuckDbConnectionExtensions
{
    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static void ExecuteAll(this DuckDBConnection connection, IEnumerable<string> statements)
    {
        foreach (var s in statements) connection.Execute(s);
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }

    public static DuckDBCommand CreateCommand(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return command;
    }

    public static IEnumerable<DbDataReader> Rows(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader;
    }
}
