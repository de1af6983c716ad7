using Bunit;
using HvWeb.Jobs;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Jobs;
using HvWeb.Web.Events;
using MudBlazor;
using MudBlazor.Extensions;

namespace HvWeb.Tests.Unit.Web.Jobs;

public sealed class JobsPageTests : JobsTestContext
{
    private static readonly Guid Web01 = Guid.Parse("6f1c9a54-1a43-4c5e-9a51-0d6f3b1f0a01");
    private static readonly Guid Db01 = Guid.Parse("0b7e2d38-8f5e-4d0e-b6a2-6c3f2f9e0b02");

    [Fact]
    public void Render_RunningAndPastJobsFromTheStore_NewestFirstWithEveryColumn()
    {
        var running = new JobInfoBuilder().ForVm(Web01, "web01").At(45, "Writing memory and device state").CreatedAtMinute(5).Build();
        var done = new JobInfoBuilder().OfKind("start-vm", "Start VM 'db01'").ForVm(Db01, "db01").StartedBy("alice").In(JobState.Succeeded).At(100, "Running").CreatedAtMinute(1).Build();
        JobService.With(running, done);

        var page = RenderPage();

        Assert.Equal(["Save VM 'web01'", "Start VM 'db01'"], Cells(page, "Description"));
        Assert.Equal(["save-vm", "start-vm"], Cells(page, "Kind"));
        Assert.Equal(["web01", "db01"], Cells(page, "VM"));
        Assert.Equal(["Running", "Succeeded"], Cells(page, "State"));
        Assert.Equal(["45 %", "100 %"], Cells(page, "Progress"));
        Assert.Equal(["Writing memory and device state", "Running"], Cells(page, "Step"));
        Assert.Equal(["admin", "alice"], Cells(page, "Started by"));
        Assert.Equal(["2026-11-25 09:05:00", "2026-11-25 09:01:00"], Cells(page, "Created"));
        Assert.Equal(["", "2026-11-25 09:02:00"], Cells(page, "Ended"));
    }

    [Fact]
    public void PushedProgress_RerendersPercentStepAndBarInTheSameRow()
    {
        var job = new JobInfoBuilder().At(5, "Pausing the VM").Build();
        JobService.With(job);
        var page = RenderPage();
        var bar = page.FindComponent<MudProgressLinear>().Instance;

        JobService.Push(job with { Percent = 60, Step = "Writing memory and device state" });

        page.WaitForAssertion(() => Assert.Equal(["60 %"], Cells(page, "Progress")));
        Assert.Equal(["Writing memory and device state"], Cells(page, "Step"));
        Assert.Equal(60, page.FindComponent<MudProgressLinear>().Instance.GetState(x => x.Value));
        Assert.Same(bar, page.FindComponent<MudProgressLinear>().Instance);
    }

    [Fact]
    public void PushedNewJob_AppearsOnTop()
    {
        JobService.With(new JobInfoBuilder().In(JobState.Succeeded).CreatedAtMinute(1).Build());
        var page = RenderPage();

        JobService.Push(new JobInfoBuilder().OfKind("create-vm", "Create VM 'big'").In(JobState.Queued).CreatedAtMinute(9).Build());

        page.WaitForAssertion(() => Assert.Equal(["Create VM 'big'", "Save VM 'web01'"], Cells(page, "Description")));
    }

    [Theory]
    [InlineData(JobState.Queued, true, true)]
    [InlineData(JobState.Running, true, true)]
    [InlineData(JobState.Running, false, false)]
    [InlineData(JobState.Succeeded, true, false)]
    [InlineData(JobState.Failed, true, false)]
    [InlineData(JobState.Cancelled, true, false)]
    [InlineData(JobState.Aborted, true, false)]
    public void CancelButton_OnlyForCancellableUnfinishedJobs(JobState state, bool canCancel, bool shown)
    {
        JobService.With(new JobInfoBuilder().In(state).Cancellable(canCancel).Build());

        var page = RenderPage();

        Assert.Equal(shown, page.FindAll("button[aria-label=\"Cancel Save VM 'web01'\"]").Count == 1);
    }

    [Fact]
    public void CancelButton_JobEnds_ButtonGoes()
    {
        var job = new JobInfoBuilder().Build();
        JobService.With(job);
        var page = RenderPage();
        Assert.Single(page.FindAll("button[aria-label=\"Cancel Save VM 'web01'\"]"));

        JobService.Push(job with { State = JobState.Succeeded, Percent = 100 });

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button[aria-label=\"Cancel Save VM 'web01'\"]")));
    }

    [Fact]
    public void Cancel_Confirmed_AsksTheRunnerAsTheSignedInUser()
    {
        var job = new JobInfoBuilder().Build();
        JobService.With(job);
        var page = RenderPage();

        page.Find("button[aria-label=\"Cancel Save VM 'web01'\"]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Cancel 'Save VM 'web01''?", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(JobService.CancelRequests);
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel job").Click();

        page.WaitForAssertion(() => Assert.Equal([(job.Id, "admin")], JobService.CancelRequests));
    }

    [Fact]
    public void Cancel_KeepRunning_DoesNotCancel()
    {
        JobService.With(new JobInfoBuilder().Build());
        var page = RenderPage();

        page.Find("button[aria-label=\"Cancel Save VM 'web01'\"]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep running").Click());

        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("Cancel 'Save VM", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(JobService.CancelRequests);
    }

    [Fact]
    public async Task StateFilter_Failed_QueriesAndShowsOnlyFailedJobs_LiveToo()
    {
        var running = new JobInfoBuilder().CreatedAtMinute(2).Build();
        JobService.With(running, new JobInfoBuilder().OfKind("start-vm", "Start VM 'db01'").FailedWith("QEMU said no").CreatedAtMinute(1).Build());
        var page = RenderPage();

        await ChooseAsync(page, "State", nameof(JobState.Failed));

        page.WaitForAssertion(() => Assert.Equal(["Start VM 'db01'"], Cells(page, "Description")));
        Assert.Equal(JobState.Failed, JobService.Queries[^1].State);

        JobService.Push(running with { State = JobState.Failed, Error = "gone" });
        page.WaitForAssertion(() => Assert.Equal(["Save VM 'web01'", "Start VM 'db01'"], Cells(page, "Description")));
    }

    [Fact]
    public async Task VmKindAndUserFilters_OfferWhatJobsHoldAndFilter()
    {
        JobService.With(
            new JobInfoBuilder().ForVm(Web01, "web01").StartedBy("admin").CreatedAtMinute(3).Build(),
            new JobInfoBuilder().OfKind("start-vm", "Start VM 'db01'").ForVm(Db01, "db01").StartedBy("alice").In(JobState.Succeeded).CreatedAtMinute(2).Build(),
            new JobInfoBuilder().OfKind("start-vm", "Start VM 'web01'").ForVm(Web01, "web01").StartedBy("alice").In(JobState.Succeeded).CreatedAtMinute(1).Build());
        var page = RenderPage();

        await ChooseAsync(page, "VM", Web01.ToString());
        page.WaitForAssertion(() => Assert.Equal(["Save VM 'web01'", "Start VM 'web01'"], Cells(page, "Description")));
        await ChooseAsync(page, "Kind", "start-vm");
        page.WaitForAssertion(() => Assert.Equal(["Start VM 'web01'"], Cells(page, "Description")));
        await ChooseAsync(page, "VM", "");
        await ChooseAsync(page, "Started by", "alice");

        page.WaitForAssertion(() => Assert.Equal(["Start VM 'db01'", "Start VM 'web01'"], Cells(page, "Description")));
        var last = JobService.Queries[^1];
        Assert.Equal((null, "start-vm", "alice"), (last.VmId, last.Kind, last.StartedBy));
    }

    [Fact]
    public void Details_FailedJob_ShowsErrorWhatToDoAndLog()
    {
        var job = new JobInfoBuilder().OfKind("start-vm", "Start VM 'web01'")
            .FailedWith("VM 'web01' could not start: qemu-system-x86_64: Could not open '/srv/a.qcow2'").Build();
        JobService.With(job).WithLog(job.Id, "Starting QEMU", "Failed: Could not open '/srv/a.qcow2'");

        var page = RenderPage(job.Id);

        var details = page.Find("[aria-label='Job details']");
        Assert.Contains("Could not open '/srv/a.qcow2'", details.TextContent, StringComparison.Ordinal);
        Assert.Contains(EventAdvice.QemuStartFailed, details.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("[aria-label='Job log'] li").Count);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Cancel job");
    }

    [Fact]
    public void Details_RunningJobChanges_LogAndProgressFollow()
    {
        var job = new JobInfoBuilder().At(10, "Pausing the VM").Build();
        JobService.With(job).WithLog(job.Id, "Pausing the VM");
        var page = RenderPage(job.Id);
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Cancel job");

        JobService.WithLog(job.Id, "Pausing the VM", "Writing memory and device state");
        JobService.Push(job with { Percent = 50, Step = "Writing memory and device state" });

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[aria-label='Job log'] li").Count));
        Assert.Contains("Running (50 %)", page.Find("[aria-label='Job details']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Details_UnknownJob_SaysSo()
    {
        var page = RenderPage(Guid.NewGuid());

        Assert.Contains("There is no such job on this host", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_EndsTheSubscription()
    {
        RenderPage();
        Assert.Equal(1, JobService.ActiveSubscriptions);

        await DisposeComponentsAsync();

        Assert.Equal(0, JobService.ActiveSubscriptions);
    }

    private IRenderedComponent<JobsPage> RenderPage(Guid? id = null)
    {
        RenderProviders();
        return Render<JobsPage>(parameters => parameters.Add(p => p.Id, id));
    }

    private static async Task ChooseAsync(IRenderedComponent<JobsPage> page, string label, string value)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static string[] Cells(IRenderedComponent<JobsPage> page, string column) =>
        [.. page.FindAll($"td[data-label='{column}']").Select(c => c.TextContent.Trim())];
}
