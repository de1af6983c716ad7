using HvWeb.Engine.Host;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task RunAsync_Program_ReturnsExitCodeAndBothStreams()
    {
        var result = await ProcessRunner.RunAsync("sh", ["-c", "echo out; echo 'err, with comma' >&2; exit 3"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(new ProcessResult(3, "out\n", "err, with comma\n"), result);
    }

    [Fact]
    public async Task RunAsync_ArgumentWithSpacesAndQuotes_ArrivesAsOneArgument()
    {
        var result = await ProcessRunner.RunAsync("printf", ["%s|", "a b", "'c\"", "$HOME"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("a b|'c\"|$HOME|", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_MissingProgram_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            ProcessRunner.RunAsync("hvweb-no-such-program", [], TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_Timeout_KillsTreeAndThrowsTimeout()
    {
        var marker = Path.Combine(Path.GetTempPath(), "hvweb-runner-" + Guid.NewGuid().ToString("N"));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            ProcessRunner.RunAsync("sh", ["-c", $"sleep 30; touch {marker}"], TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ProcessRunner.RunAsync("sleep", ["30"], Timeout.InfiniteTimeSpan, cts.Token));
    }

    [Fact]
    public async Task RunAsync_GrandchildHoldsPipe_ReturnsAfterGrace()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await ProcessRunner.RunAsync("sh", ["-c", "echo early; (sleep 4 &) ; exit 0"], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("early\n", result.StandardOutput);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }
}
