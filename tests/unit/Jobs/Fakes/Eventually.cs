using System.Diagnostics;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

/// <summary>Waits (in real time) for something the runner does on its own threads.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task TrueAsync(Func<bool> condition, string what) =>
        TrueAsync(() => Task.FromResult(condition()), () => what);

    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException($"Still not true after {Timeout.TotalSeconds} s: {what()}");
            }

            await Task.Delay(5);
        }
    }
}
