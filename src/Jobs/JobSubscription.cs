using System.Threading.Channels;
using HvWeb.Engine.Common;

namespace HvWeb.Jobs;

/// <summary>A live view of jobs: the jobs now and a stream of changed jobs. Dispose to stop.</summary>
public sealed class JobSubscription(IReadOnlyList<JobInfo> initialState, Channel<JobInfo> channel, Action<JobSubscription> onDispose)
    : LiveSubscription<JobInfo, JobInfo>(initialState, channel, s => onDispose((JobSubscription)s));
