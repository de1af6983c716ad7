using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;

namespace HvWeb.Engine.Networking;

/// <summary>Runs <c>ip</c> with an argument list (<see cref="LinkCommands"/>); a failure says what was tried and what ip said.</summary>
public class IpTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public virtual async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("ip", arguments, Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new VmOperationException("The 'ip' program (Debian package iproute2) is not installed; virtual switches need it.");
        }

        if (result.ExitCode != 0)
        {
            throw new VmOperationException($"'ip {string.Join(' ', arguments)}' failed: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    /// <summary>Like <see cref="RunAsync"/> but a failure is ignored (clean-up of something that may already be gone).</summary>
    public async Task TryRunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (VmOperationException)
        {
            // Already gone or never there: nothing to clean.
        }
    }
}
