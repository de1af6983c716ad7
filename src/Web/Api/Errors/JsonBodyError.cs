namespace HvWeb.Web.Api.Errors;

/// <summary>Why a JSON body could not be read: a sentence, and per-field sentences when a field is to blame.</summary>
public sealed record JsonBodyError(string Detail, IReadOnlyDictionary<string, string[]> Errors);
