namespace HvWeb.Tests.E2e.Web;

/// <summary>Tests in this collection share one real HvWeb host (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class HvWebCollection : ICollectionFixture<HvWebHostFixture>
{
    public const string Name = "HvWeb host";
}
