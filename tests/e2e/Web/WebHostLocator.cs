namespace HvWeb.Tests.E2e.Web;

/// <summary>Finds the built HvWeb.Web.dll: HVWEB_WEB_DLL, else src/Web/bin/&lt;this test's configuration&gt;/net10.0.</summary>
public static class WebHostLocator
{
    public const string Variable = "HVWEB_WEB_DLL";

    public static string WebDll()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException($"{Variable} names a missing file.", explicitPath);
        }

        // AppContext.BaseDirectory is <repo>/tests/e2e/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var repository = output;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "HvWeb.sln")))
        {
            repository = repository.Parent;
        }

        if (repository is null)
        {
            throw new InvalidOperationException($"No HvWeb.sln above {AppContext.BaseDirectory}; set {Variable} to the built HvWeb.Web.dll.");
        }

        var dll = Path.Combine(repository.FullName, "src", "Web", "bin", configuration, framework, "HvWeb.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Web first (dotnet build).", dll);
    }
}
