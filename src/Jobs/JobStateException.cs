namespace HvWeb.Jobs;

/// <summary>The job cannot do that now, e.g. cancel a finished job (HTTP 409).</summary>
public sealed class JobStateException(string message) : Exception(message);
