using Bunit;
using HvWeb.Jobs;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Jobs;
using MudBlazor;

namespace HvWeb.Tests.Unit.Web.Jobs;

public sealed class JobNotifierTests : JobsTestContext
{
    [Fact]
    public void OwnJobSucceeds_OneSuccessNotification()
    {
        var job = new JobInfoBuilder().Build();
        var snackbars = Render<MudSnackbarProvider>();
        Render<JobNotifier>();

        JobService.Push(job with { Percent = 50 });
        JobService.Push(job with { State = JobState.Succeeded, Percent = 100 });
        JobService.Push(job with { State = JobState.Succeeded, Percent = 100 });
        PushMarker();

        snackbars.WaitForAssertion(() => Assert.Contains(Marker, snackbars.Markup, StringComparison.Ordinal));
        var shown = Assert.Single(Snackbar.ShownSnackbars, s => s.Message?.StartsWith("Save VM", StringComparison.Ordinal) == true);
        Assert.Equal("Save VM 'web01' succeeded.", shown.Message);
        Assert.Equal(Severity.Success, shown.Severity);
        Assert.Contains("Save VM 'web01' succeeded.", snackbars.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JobState.Failed, "Save VM 'web01' failed: QEMU said no", Severity.Error)]
    [InlineData(JobState.Aborted, "Save VM 'web01' was aborted: QEMU said no", Severity.Error)]
    [InlineData(JobState.Cancelled, "Save VM 'web01' was cancelled.", Severity.Warning)]
    public void OwnJobEndsOtherwise_NotificationWithTheReason(JobState state, string message, Severity severity)
    {
        var job = new JobInfoBuilder().Build();
        JobService.With(job);
        var snackbars = Render<MudSnackbarProvider>();
        Render<JobNotifier>();

        JobService.Push(job with { State = state, Error = state == JobState.Cancelled ? null : "QEMU said no" });

        snackbars.WaitForAssertion(() => Assert.Single(Snackbar.ShownSnackbars));
        var shown = Assert.Single(Snackbar.ShownSnackbars);
        Assert.Equal(message, shown.Message);
        Assert.Equal(severity, shown.Severity);
    }

    [Fact]
    public void SomeoneElsesJobEnds_NoNotification()
    {
        var theirs = new JobInfoBuilder().StartedBy("alice").Build();
        var snackbars = Render<MudSnackbarProvider>();
        Render<JobNotifier>();

        JobService.Push(theirs with { State = JobState.Succeeded });
        PushMarker();

        snackbars.WaitForAssertion(() => Assert.Contains(Marker, snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal([Marker + " succeeded."], Snackbar.ShownSnackbars.Select(s => s.Message));
    }

    [Fact]
    public void JobAlreadyEndedBeforeThePageOpened_NotAnnouncedAgain()
    {
        var ended = new JobInfoBuilder().In(JobState.Succeeded).Build();
        JobService.With(ended);
        var snackbars = Render<MudSnackbarProvider>();
        Render<JobNotifier>();

        JobService.Push(ended);
        PushMarker();

        snackbars.WaitForAssertion(() => Assert.Contains(Marker, snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal([Marker + " succeeded."], Snackbar.ShownSnackbars.Select(s => s.Message));
    }

    /// <summary>Pushed last: once its notification shows, every earlier change has been handled.</summary>
    private const string Marker = "Marker job";

    private void PushMarker() =>
        JobService.Push(new JobInfoBuilder().OfKind("marker", Marker).In(JobState.Succeeded).Build());

    [Fact]
    public async Task Dispose_EndsTheSubscription()
    {
        Render<JobNotifier>();
        Assert.Equal(1, JobService.ActiveSubscriptions);

        await DisposeComponentsAsync();

        Assert.Equal(0, JobService.ActiveSubscriptions);
    }
}
