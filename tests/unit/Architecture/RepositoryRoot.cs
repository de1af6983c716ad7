namespace HvWeb.Tests.Unit.Architecture;

/// <summary>The folder holding HvWeb.sln, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "HvWeb.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No HvWeb.sln in {AppContext.BaseDirectory} or above it.");
    }
}
