using System.Net;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Networking;

namespace HvWeb.Tests.Unit.Networking;

public sealed class MacAddressPoolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-macpool-").FullName;

    private MacAddressPool Pool() => new(_folder, () => IPAddress.Parse("192.168.7.42"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DefaultRange_TwoLowBytesOfHostIpv4()
    {
        Assert.Equal(("00-15-5D-07-2A-00", "00-15-5D-07-2A-FF"), MacAddressPool.DefaultRange(IPAddress.Parse("192.168.7.42")));
        Assert.Equal("00-15-5D-07-2A-00", Pool().Current.Minimum);
    }

    [Fact]
    public void Allocate_NeverRepeats_AcrossRestarts_UntilReset()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(seen.Add(Pool().Allocate()), "an address was handed out twice");
        }

        Assert.Equal("00-15-5D-07-2A-04", seen.Last());
        Assert.Equal(251, Pool().Current.Available);
        var reset = Pool().Reset();
        Assert.Empty(reset.Issued);
        Assert.Equal("00-15-5D-07-2A-00", Pool().Allocate());
    }

    [Fact]
    public void Update_NarrowRange_ExhaustsWithClearMessage()
    {
        var pool = Pool();
        pool.Update("00-15-5D-07-2A-10", "00-15-5D-07-2A-11");
        Assert.Equal("00-15-5D-07-2A-10", pool.Allocate());
        Assert.Equal("00-15-5D-07-2A-11", pool.Allocate());
        var e = Assert.Throws<VmOperationException>(pool.Allocate);
        Assert.Contains("no address left", e.Message, StringComparison.Ordinal);

        // Back to a wider range: what was issued stays issued.
        pool.Update("00-15-5D-07-2A-10", "00-15-5D-07-2A-20");
        Assert.Equal("00-15-5D-07-2A-12", pool.Allocate());
    }

    [Theory]
    [InlineData("00-15-5D-07-2A", null, "minimum")]
    [InlineData("01-15-5D-07-2A-00", null, "minimum")]
    [InlineData(null, "00-15-5D-00-00-01", "maximum")]
    public void Update_BadInput_NamesTheField(string? minimum, string? maximum, string field)
    {
        var e = Assert.Throws<VmValidationException>(() => Pool().Update(minimum, maximum));
        Assert.Contains(field, e.Errors.Keys);
    }
}
