namespace HvWeb.Web.Events;

/// <summary>
/// What to do about the errors users meet often, shown under the event's (or a failed job's) own
/// words, which stay as they are: the engine already quotes QEMU. Pure; matches the engine's sentences.
/// </summary>
public static class EventAdvice
{
    public const string QemuStartFailed =
        "QEMU refused to start the VM; its own words are above. Check that every disk and DVD image it names exists "
        + "and can be read and written by the user HvWeb runs as, that the host has the memory the VM asks for, and "
        + "that no other QEMU uses the same disk; then start the VM again. The full output is qemu.log in the VM's "
        + "runtime folder (Virtual Machines/<VM ID>/).";

    public const string QemuExited =
        "The VM's QEMU process ended without being asked; its last words are above. Start the VM again. If it happens "
        + "again, look at qemu.log in the VM's runtime folder and at the host's kernel log (an out-of-memory kill shows there).";

    public const string UnsupportedVersion =
        "This host runs configuration versions 5.0, 6.2, 7.0, 7.1 and 8.0 (Hyper-V on Windows Server 2016). Choose one of "
        + "those when you create the VM; for a VM brought from elsewhere, set \"version\" in its configuration file "
        + "(Virtual Machines/<VM ID>.json) to one of them and restart HvWeb so that it is registered again.";

    public const string UnreadableConfiguration =
        "The VM's configuration file could not be read, so the VM is not shown. Fix or restore the file named above "
        + "(it is JSON), then restart HvWeb; nothing else of the VM was changed.";

    /// <summary>The advice for a message, or null when there is none (most messages say enough).</summary>
    public static string? For(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        if (Has(message, "not a supported configuration version") || (Has(message, "Configuration version") && Has(message, "is not supported")))
        {
            return UnsupportedVersion;
        }

        if (Has(message, "could not start:") && !Has(message, "the start was cancelled"))
        {
            return QemuStartFailed;
        }

        if (Has(message, "automatic start action") && Has(message, "failed"))
        {
            return QemuStartFailed;
        }

        if (Has(message, "exited unexpectedly"))
        {
            return QemuExited;
        }

        if (Has(message, "could not be read") && Has(message, "configuration"))
        {
            return UnreadableConfiguration;
        }

        return null;
    }

    private static bool Has(string message, string part) => message.Contains(part, StringComparison.OrdinalIgnoreCase);
}
