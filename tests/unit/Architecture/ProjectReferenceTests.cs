using System.Reflection;
using System.Runtime.InteropServices;

namespace HvWeb.Tests.Unit.Architecture;

/// <summary>Enforces ARCHITECTURE.md's table of what each src project may reference.</summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string> Projects => ReferenceTable.Projects;

    [Fact]
    public void SrcProjects_All_AreInReferenceTable()
    {
        Assert.Equal(
            ReferenceTable.AllowedProjectReferences.Keys.Order(StringComparer.Ordinal),
            ProjectFile.AllInSrc.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferences_SrcProject_OnlyThoseTheTableAllows(string project)
    {
        var allowed = ReferenceTable.AllowedProjectReferences[project];

        Assert.All(ProjectFile.Get(project).ProjectReferences, reference => Assert.Contains(reference, allowed));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void PackageReferences_EntityFrameworkCore_OnlyInPersistence(string project)
    {
        if (project == ReferenceTable.EntityFrameworkProject)
        {
            return;
        }

        var entityFramework = ProjectFile.Get(project).PackageReferences
            .Where(p => ReferenceTable.EntityFrameworkPrefixes.Any(p.StartsWith))
            .Where(p => !IsDesignTimeTooling(p));

        Assert.Empty(entityFramework);
    }

    [Fact]
    public void PackageReferences_Engine_OnlyMicrosoftExtensions()
    {
        Assert.All(
            ProjectFile.Get("Engine").PackageReferences,
            package => Assert.True(package.StartsWith("Microsoft.Extensions."), $"Engine references {package.Id}."));
    }

    [Fact]
    public void References_Display_NoAspNetCoreOrSignalR()
    {
        var display = ProjectFile.Get("Display");

        Assert.Equal("Microsoft.NET.Sdk", display.Sdk);
        Assert.Empty(display.FrameworkReferences);
        Assert.DoesNotContain(display.PackageReferences, p =>
            ReferenceTable.AspNetCorePrefixes.Any(p.StartsWith) || p.Id.Contains("SignalR", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ReferencedAssemblies_SrcAssembly_OnlySolutionAssembliesTheTableAllows(string project)
    {
        var allowed = ReferenceTable.AllowedProjectReferences[project].Select(p => "HvWeb." + p);

        var solution = ReferencedNames(project).Where(name => name.StartsWith("HvWeb.", StringComparison.Ordinal));

        Assert.All(solution, name => Assert.Contains(name, allowed));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ReferencedAssemblies_EntityFrameworkCore_OnlyInPersistence(string project)
    {
        if (project == ReferenceTable.EntityFrameworkProject)
        {
            return;
        }

        Assert.DoesNotContain(ReferencedNames(project), name => ReferenceTable.EntityFrameworkPrefixes.Any(name.StartsWith));
    }

    [Fact]
    public void ReferencedAssemblies_Engine_OnlyRuntimeAndMicrosoftExtensions()
    {
        var runtimeFolder = RuntimeEnvironment.GetRuntimeDirectory();

        Assert.All(ReferencedNames("Engine"), name => Assert.True(
            name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || File.Exists(Path.Combine(runtimeFolder, name + ".dll")),
            $"HvWeb.Engine references {name}, which is neither in the .NET runtime nor a Microsoft.Extensions package."));
    }

    [Fact]
    public void ReferencedAssemblies_Display_NoAspNetCoreOrSignalR()
    {
        Assert.DoesNotContain(ReferencedNames("Display"), name =>
            ReferenceTable.AspNetCorePrefixes.Any(name.StartsWith) || name.Contains("SignalR", StringComparison.Ordinal));
    }

    /// <summary>
    /// EF Core's design package with PrivateAssets="all" only serves `dotnet ef` and does not flow to
    /// other projects; the assembly tests still fail if such a project's code uses EF Core.
    /// </summary>
    private static bool IsDesignTimeTooling(PackageReference package) =>
        package.Id == "Microsoft.EntityFrameworkCore.Design" &&
        string.Equals(package.PrivateAssets, "all", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> ReferencedNames(string project) =>
        Assembly.Load(new AssemblyName("HvWeb." + project)).GetReferencedAssemblies().Select(a => a.Name!);
}
