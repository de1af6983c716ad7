using HvWeb.Web.Components.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace HvWeb.Tests.Unit.Web.Inventory;

public sealed class RenderCoalescerTests
{
    [Fact]
    public async Task Request_AfterQuiet_FlushesAtOnce_ThenAtMostOncePerInterval()
    {
        var time = new FakeTimeProvider();
        var flushes = 0;
        var coalescer = new RenderCoalescer(() => { Interlocked.Increment(ref flushes); return Task.CompletedTask; }, time);

        coalescer.Request();
        Assert.Equal(1, Volatile.Read(ref flushes));

        for (var i = 0; i < 50; i++)
        {
            coalescer.Request();
        }

        Assert.Equal(1, Volatile.Read(ref flushes));
        time.Advance(RenderCoalescer.Interval);
        await EventuallyAsync(() => Volatile.Read(ref flushes) == 2);

        time.Advance(TimeSpan.FromSeconds(1));
        coalescer.Request();
        Assert.Equal(3, Volatile.Read(ref flushes));
    }

    /// <summary>The delayed flush may finish on a pool thread just after the fake clock moves.</summary>
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
