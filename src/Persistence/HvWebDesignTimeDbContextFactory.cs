using HvWeb.Persistence.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HvWeb.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build the context with this project as its own startup project:
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Persistence</c>.
/// Database commands take the data root after <c>--</c> (default: the current directory).
/// </summary>
internal sealed class HvWebDesignTimeDbContextFactory : IDesignTimeDbContextFactory<HvWebDbContext>
{
    public HvWebDbContext CreateDbContext(string[] args)
    {
        var dataRoot = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
        var builder = new DbContextOptionsBuilder<HvWebDbContext>();
        SqliteDatabaseSetup.Configure(builder, dataRoot);
        return new HvWebDbContext(builder.Options);
    }
}
