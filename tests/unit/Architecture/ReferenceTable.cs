namespace HvWeb.Tests.Unit.Architecture;

/// <summary>The "may reference" column of ARCHITECTURE.md's project table.</summary>
internal static class ReferenceTable
{
    public static IReadOnlyDictionary<string, string[]> AllowedProjectReferences { get; } = new Dictionary<string, string[]>
    {
        ["Engine"] = [],
        ["Display"] = [],
        ["Jobs"] = ["Engine"],
        ["Persistence"] = ["Engine", "Jobs"],
        ["Web"] = ["Engine", "Display", "Jobs", "Persistence"],
    };

    /// <summary>The only project that may use EF Core (and the SQLite provider under it).</summary>
    public const string EntityFrameworkProject = "Persistence";

    public static readonly string[] EntityFrameworkPrefixes = ["Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Npgsql"];

    public static readonly string[] AspNetCorePrefixes = ["Microsoft.AspNetCore"];

    public static TheoryData<string> Projects => new(AllowedProjectReferences.Keys);
}
