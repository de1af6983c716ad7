using HvWeb.Jobs;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

/// <summary>
/// A job the test drives: it reports what <see cref="OnStart"/> reports, then waits until the
/// test calls <see cref="Finish"/> or <see cref="Fail"/> (or its token is cancelled).
/// </summary>
internal sealed class ScriptedJob : IJob
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _token;

    public string Kind { get; init; } = "test";
    public string Description { get; init; } = "Test job";
    public Guid? VmId { get; init; }
    public string? VmName { get; init; }
    public bool CanCancel { get; init; } = true;
    public JobWording? Words { get; init; }
    public JobWording Wording => Words ?? JobWording.Generic(Description);

    /// <summary>Thrown by <see cref="ValidateAsync"/> when set.</summary>
    public Exception? InvalidWith { get; init; }

    /// <summary>Runs first in <see cref="ExecuteAsync"/> (report progress here).</summary>
    public Action<IProgress<JobProgress>>? OnStart { get; init; }

    /// <summary>When false, the job ignores its token (cannot be stopped).</summary>
    public bool HonoursToken { get; init; } = true;

    public Task Started => _started.Task;

    public bool WasCancelledThroughToken => _token.IsCancellationRequested;

    public int Executions { get; private set; }

    public void Finish() => _release.TrySetResult();

    public void Fail(Exception error) => _release.TrySetException(error);

    public Task ValidateAsync(CancellationToken cancellationToken) =>
        InvalidWith is null ? Task.CompletedTask : Task.FromException(InvalidWith);

    public async Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        Executions++;
        _token = cancellationToken;
        OnStart?.Invoke(progress);
        _started.TrySetResult();
        await _release.Task.WaitAsync(HonoursToken ? cancellationToken : CancellationToken.None);
    }
}
