using System.Xml.Linq;

namespace HvWeb.Tests.Unit.Architecture;

/// <summary>What a src csproj declares: its SDK, project, package and framework references.</summary>
internal sealed record ProjectFile(
    string Name,
    string Sdk,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<PackageReference> PackageReferences,
    IReadOnlyList<string> FrameworkReferences)
{
    public static IReadOnlyList<ProjectFile> AllInSrc { get; } = LoadAllInSrc();

    public static ProjectFile Get(string name) => AllInSrc.Single(p => p.Name == name);

    private static List<ProjectFile> LoadAllInSrc() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.csproj", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();

    private static ProjectFile Load(string path)
    {
        var root = XDocument.Load(path).Root!;
        return new ProjectFile(
            Path.GetFileNameWithoutExtension(path),
            (string?)root.Attribute("Sdk") ?? "",
            Items(root, "ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Include)).ToList(),
            Items(root, "PackageReference").Select(p => new PackageReference(p.Include, Metadata(p.Element, "PrivateAssets"))).ToList(),
            Items(root, "FrameworkReference").Select(p => p.Include).ToList());
    }

    private static IEnumerable<(string Include, XElement Element)> Items(XElement root, string itemType) =>
        root.Descendants(itemType)
            .Where(e => e.Attribute("Include") is not null)
            .Select(e => (e.Attribute("Include")!.Value.Replace('\\', '/'), e));

    private static string? Metadata(XElement item, string name) =>
        (string?)item.Attribute(name) ?? (string?)item.Element(name);
}
