using HvWeb.Web.Events;

namespace HvWeb.Tests.Unit.Web.Events;

public sealed class EventAdviceTests
{
    [Theory]
    [InlineData("VM 'web01' could not start: qemu-system-x86_64: -drive file=/srv/a.qcow2: Could not open '/srv/a.qcow2': No such file or directory")]
    [InlineData("The automatic start action of VM 'web01' failed: VM 'web01' could not start: QEMU exited")]
    public void For_QemuStartFailure_SaysWhatToCheck(string message) =>
        Assert.Equal(EventAdvice.QemuStartFailed, EventAdvice.For(message));

    [Fact]
    public void For_CancelledStart_NoAdvice() =>
        Assert.Null(EventAdvice.For("VM 'web01' could not start: the start was cancelled"));

    [Fact]
    public void For_QemuExitedUnexpectedly_SaysToStartAgainAndWhereToLook() =>
        Assert.Equal(EventAdvice.QemuExited, EventAdvice.For("The QEMU process of VM 'web01' exited unexpectedly; the VM is Off. QEMU said: killed"));

    [Theory]
    [InlineData("Configuration version '9.9' is not supported on this host; supported: 5.0, 6.2, 7.0, 7.1, 8.0.")]
    [InlineData("The configuration '/vms/a/Virtual Machines/x.json' could not be read (''9.9' is not a supported configuration version (5.0, 6.2, 7.0, 7.1, 8.0).'); the VM is not shown until it is fixed or registered again.")]
    public void For_UnsupportedConfigurationVersion_NamesSupportedVersionsAndTheFix(string message)
    {
        var advice = EventAdvice.For(message);

        Assert.Equal(EventAdvice.UnsupportedVersion, advice);
        Assert.Contains("8.0", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void For_UnreadableConfiguration_SaysToFixTheFile() =>
        Assert.Equal(EventAdvice.UnreadableConfiguration, EventAdvice.For(
            "The configuration '/vms/a/Virtual Machines/x.json' could not be read ('}' is invalid after a value.); the VM is not shown until it is fixed or registered again."));

    [Theory]
    [InlineData("VM 'web01' was started (Tcg).")]
    [InlineData("")]
    [InlineData(null)]
    public void For_OrdinaryMessage_NoAdvice(string? message) => Assert.Null(EventAdvice.For(message));
}
