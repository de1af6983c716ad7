namespace HvWeb.Tests.Unit.Architecture;

/// <param name="Id">The package id.</param>
/// <param name="PrivateAssets">The PrivateAssets value ("all" keeps it from flowing to referencing projects).</param>
internal sealed record PackageReference(string Id, string? PrivateAssets)
{
    public bool StartsWith(string prefix) => Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
