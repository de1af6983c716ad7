using HvWeb.Engine;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Demo;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Web.Demo;

public sealed class DemoVmSeederTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hvweb-demo-").FullName;
    private readonly FakeVmManager _engine = new();

    private string Images => Path.Combine(_root, "images");
    private string Marker => Path.Combine(_root, DemoVm.MarkerFileName);

    [Fact]
    public async Task Seed_FirstRunWithImage_CreatesDemoVmAndMarker()
    {
        var image = CreateImage();

        Assert.True(await Seeder().SeedAsync(CancellationToken.None));

        var request = Assert.Single(_engine.Created);
        Assert.Equal("Demo VM", request.Name);
        Assert.Equal(VmGeneration.One, request.Generation);
        Assert.Equal("8.0", request.Version);
        Assert.Equal(256, request.MemoryStartupMb);
        Assert.Equal(1, request.ProcessorCount);
        Assert.Equal(image, request.CopyDiskFrom);
        Assert.Contains("tiny Linux guest", request.Notes, StringComparison.Ordinal);
        Assert.True(File.Exists(Marker));
    }

    [Fact]
    public async Task Seed_MarkerPresent_DoesNothing()
    {
        CreateImage();
        await File.WriteAllTextAsync(Marker, "");

        Assert.False(await Seeder().SeedAsync(CancellationToken.None));
        Assert.Empty(_engine.Created);
    }

    [Fact]
    public async Task Seed_SecondRunAfterDemoDeleted_DoesNotBringItBack()
    {
        CreateImage();
        await Seeder().SeedAsync(CancellationToken.None);
        _engine.Push(_engine.List().Single().Id, null);

        Assert.False(await Seeder().SeedAsync(CancellationToken.None));
        Assert.Single(_engine.Created);
    }

    [Fact]
    public async Task Seed_ImageMissing_NoVmNoMarkerNoCrash()
    {
        Assert.False(await Seeder().SeedAsync(CancellationToken.None));
        Assert.False(await Seeder(imagesFolder: null).SeedAsync(CancellationToken.None));

        Assert.Empty(_engine.Created);
        Assert.False(File.Exists(Marker));
    }

    private string CreateImage()
    {
        Directory.CreateDirectory(Images);
        var image = Path.Combine(Images, DemoVm.ImageFileName);
        File.WriteAllBytes(image, [0x51, 0x46, 0x49, 0xfb]);
        return image;
    }

    private DemoVmSeeder Seeder() => Seeder(Images);

    private DemoVmSeeder Seeder(string? imagesFolder) => new(
        _engine,
        Options.Create(new EngineOptions { DataRoot = _root, GuestImagesFolder = imagesFolder }),
        Options.Create(new DemoVmOptions()),
        new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance),
        NullLogger<DemoVmSeeder>.Instance);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
