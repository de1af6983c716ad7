using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;

namespace HvWeb.Engine.Networking;

/// <summary>
/// Runs <c>ip</c> (<see cref="LinkCommands"/>), <c>nft</c> and <c>tc</c> (<see cref="GuardCommands"/>) with
/// argument lists; a failure says what was tried and what the program said.
/// </summary>
public class IpTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunToolAsync("ip", arguments, cancellationToken);

    /// <param name="program">ip, tc, bridge (iproute2) or nft (nftables).</param>
    public virtual async Task<string> RunToolAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(program, arguments, Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            var package = program == "nft" ? "nftables" : "iproute2";
            throw new VmOperationException($"The '{program}' program (Debian package {package}) is not installed; virtual switches and adapter guards need it.");
        }

        if (result.ExitCode != 0)
        {
            throw new VmOperationException($"'{program} {string.Join(' ', arguments)}' failed: {result.StandardError.Trim()}");
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
