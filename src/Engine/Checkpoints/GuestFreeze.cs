using System.Net.Sockets;
using System.Text.Json;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Checkpoints;

/// <summary>
/// The guest agent's file system freeze around a point in time of a running VM's disks, shared by
/// Production checkpoints and the live export: whether it can be had (the Backup integration
/// service on and the agent answering), <c>guest-fsfreeze-freeze</c> (thawing again when its answer
/// is lost) and <c>guest-fsfreeze-thaw</c>.
/// </summary>
internal static class GuestFreeze
{
    /// <summary>How long the agent has to answer a <c>guest-sync</c> before it is taken as not running.</summary>
    public static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a freeze or thaw may take (the guest flushes its file systems first).</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Why a running VM's file systems cannot be frozen, or null when they can.</summary>
    public static async Task<string?> ProblemAsync(VmDefinition vm, string? agentSocket, CancellationToken cancellationToken) =>
        !vm.IntegrationServices.Backup ? "the Backup (volume checkpoint) integration service is off"
        : agentSocket is not null && await GuestAgentPing.PingAsync(agentSocket, AgentTimeout, cancellationToken).ConfigureAwait(false) ? null
        : "the guest agent did not answer";

    /// <summary>Freezes the guest's file systems and returns how many; when that fails, thaws (as far as the agent answers) and rethrows.</summary>
    public static async Task<int> FreezeAsync(string agentSocket, CancellationToken cancellationToken)
    {
        JsonElement count;
        try
        {
            count = await GuestAgentCommand.ExecuteAsync(agentSocket, "guest-fsfreeze-freeze", CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsAgentFailure(e))
        {
            // The guest may have frozen and the answer been lost: thaw, as far as the agent answers.
            await TryThawAsync(agentSocket).ConfigureAwait(false);
            throw;
        }

        return count.ValueKind == JsonValueKind.Number ? count.GetInt32() : 0;
    }

    /// <summary>Thaws the guest's file systems (never cancelled: a frozen guest blocks every write).</summary>
    public static Task ThawAsync(string agentSocket) =>
        GuestAgentCommand.ExecuteAsync(agentSocket, "guest-fsfreeze-thaw", CommandTimeout, CancellationToken.None);

    /// <summary>What the agent's channel throws when the agent is gone, slow or refuses.</summary>
    public static bool IsAgentFailure(Exception e) => e is IOException or SocketException or JsonException or OperationCanceledException;

    private static async Task TryThawAsync(string agentSocket)
    {
        try
        {
            await GuestAgentCommand.ExecuteAsync(agentSocket, "guest-fsfreeze-thaw", AgentTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsAgentFailure(e))
        {
            // No agent to thaw with: nothing was frozen, or nothing can be done from here.
        }
    }
}
