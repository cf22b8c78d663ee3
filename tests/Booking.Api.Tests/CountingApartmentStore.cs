using System.Reflection;
using Booking.Core.Apartments;

namespace Booking.Api.Tests;

/// <summary>The real store, counting the point reads the health check makes; every call goes through to it.</summary>
public class CountingApartmentStore : DispatchProxy
{
    private IApartmentStore inner = null!;
    private int gets;

    public int Gets => Volatile.Read(ref gets);

    public static (IApartmentStore Store, CountingApartmentStore Counter) Over(IApartmentStore inner)
    {
        var store = Create<IApartmentStore, CountingApartmentStore>();
        var counter = (CountingApartmentStore)(object)store;
        counter.inner = inner;
        return (store, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IApartmentStore.GetAsync))
        {
            Interlocked.Increment(ref gets);
        }

        return targetMethod!.Invoke(inner, args);
    }
}
