namespace HvWeb.Engine.Qemu;

/// <summary>QEMU answered a QMP command with an error (<c>{"error": {"class": …, "desc": …}}</c>).</summary>
public sealed class QmpException(string command, string errorClass, string description)
    : Exception($"QEMU refused '{command}': {description}")
{
    public string Command { get; } = command;
    /// <summary>QMP's error class, e.g. GenericError, CommandNotFound, DeviceNotFound.</summary>
    public string ErrorClass { get; } = errorClass;
    public string Description { get; } = description;
}
