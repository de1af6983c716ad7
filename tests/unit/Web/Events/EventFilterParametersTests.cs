using HvWeb.Engine.Events;
using HvWeb.Web.Events;

namespace HvWeb.Tests.Unit.Web.Events;

public sealed class EventFilterParametersTests
{
    [Fact]
    public void ToSearch_EveryParameter_BecomesTheSearch()
    {
        var vm = Guid.NewGuid();
        var parameters = new EventFilterParameters
        {
            VmId = vm, Level = "warning", Source = "Hyper-V-Worker", From = "2026-11-25T10:00:00Z", To = "2026-11-25T12:00:00+01:00", Text = " panic ",
        };

        var (search, errors) = parameters.ToSearch(limit: 50);

        Assert.Empty(errors);
        Assert.NotNull(search);
        Assert.Equal(vm, search.VmId);
        Assert.Equal(EventLevel.Warning, search.MinimumLevel);
        Assert.Equal("Hyper-V-Worker", search.Source);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), search.FromUtc);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), search.ToUtc);
        Assert.Equal(" panic ", search.Text);
        Assert.Equal(50, search.Limit);
    }

    [Fact]
    public void ToSearch_TimeWithoutOffset_IsUtc()
    {
        var (search, _) = new EventFilterParameters { From = "2026-11-25 10:00" }.ToSearch(null);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), search!.FromUtc);
    }

    [Theory]
    [InlineData("Loud", null, null, "level")]
    [InlineData("2", null, null, "level")]
    [InlineData(null, "yesterday", null, "from")]
    [InlineData(null, null, "soon", "to")]
    [InlineData(null, "2026-11-25T12:00:00Z", "2026-11-25T11:00:00Z", "to")]
    public void ToSearch_BadParameter_SentenceForIt(string? level, string? from, string? to, string field)
    {
        var (search, errors) = new EventFilterParameters { Level = level, From = from, To = to }.ToSearch(null);

        Assert.Null(search);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(errors[field])));
    }
}
