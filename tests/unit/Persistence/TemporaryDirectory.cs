using Microsoft.Data.Sqlite;

namespace HvWeb.Tests.Unit.Persistence;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hvweb-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
