using Booking.Api.Errors;
using Booking.Api.Paging;
using Booking.Core.Apartments;
using Booking.Core.Validation;

namespace Booking.Api.Services;

/// <summary>The apartment fields of the API over the apartment table.</summary>
public sealed class ApartmentService(IApartmentStore store)
{
    private const string ApartmentsList = "apartments";

    public Task<Apartment?> GetAsync(string? id, CancellationToken cancellationToken) =>
        store.GetAsync(InputRules.RequireApartmentId(id, "id"), cancellationToken);

    /// <summary>A page of the table in its scan order, which is stable: DynamoDB's own, resumed after the last key.</summary>
    public async Task<ListPage<Apartment>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var start = page.After is null ? null : PageCursor.Decode(page.After, ApartmentsList).Id;

        // A scan's Limit counts items read, and a page may come back short of it, so read on until the page is full.
        var items = new List<Apartment>();
        string? next = start;
        do
        {
            var read = await store.ListAsync(page.First - items.Count, next, cancellationToken);
            items.AddRange(read.Items);
            next = read.NextPageToken;
        }
        while (next is not null && items.Count < page.First);

        return new ListPage<Apartment>(items, next is null ? null : new PageCursor(ApartmentsList, next).Encode());
    }

    public async Task<Apartment> AddAsync(string? id, CancellationToken cancellationToken)
    {
        var apartmentId = InputRules.RequireApartmentId(id, "id");
        if (!await store.AddAsync(apartmentId, cancellationToken))
        {
            throw new ApiException(ApiErrorCodes.Conflict, $"Apartment '{apartmentId}' already exists; it was left unchanged.");
        }

        return await store.GetAsync(apartmentId, cancellationToken)
            ?? new Apartment(apartmentId, ApartmentStatus.Vacant);
    }

    /// <summary>Removes a vacant apartment from the catalogue; reserved or paid ones are refused, unchanged.</summary>
    public async Task<Apartment> RetireAsync(string? id, CancellationToken cancellationToken)
    {
        var apartmentId = InputRules.RequireApartmentId(id, "id");
        var result = await store.RetireAsync(apartmentId, cancellationToken);
        return result switch
        {
            { Applied: true, Apartment: { } retired } => retired,
            { Outcome: TransitionOutcome.NotFound } => throw new ApiException(ApiErrorCodes.NotFound, $"No apartment has the id '{apartmentId}'."),
            _ => throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Apartment '{apartmentId}' is {result.Apartment?.Status.ToString().ToLowerInvariant()}, not vacant; cancel its reservation or check it out first. Nothing changed."),
        };
    }

    /// <summary>Ends a paid stay: paid → vacant, only for the reservation that paid (the one given, or the one the
    /// apartment names), so the apartment can be booked again.</summary>
    public async Task<Apartment> CheckOutAsync(string? id, string? reservationId, CancellationToken cancellationToken)
    {
        var apartmentId = InputRules.RequireApartmentId(id, "apartmentId");
        var payer = reservationId is null ? null : InputRules.RequireReservationId(reservationId, "reservationId");
        var current = await store.GetAsync(apartmentId, cancellationToken)
            ?? throw new ApiException(ApiErrorCodes.NotFound, $"No apartment has the id '{apartmentId}'.");
        RequirePaidBy(current, payer);

        var result = await store.CheckOutAsync(apartmentId, payer ?? current.ReservationId!, cancellationToken);
        if (!result.Applied)
        {
            // It changed between the read and the conditional write; say how it stands now.
            RequirePaidBy(result.Apartment ?? current with { Status = ApartmentStatus.Vacant }, payer ?? current.ReservationId);
            throw new ApiException(ApiErrorCodes.Conflict, $"Apartment '{apartmentId}' changed while it was checked out; read it and try again. Nothing changed.");
        }

        return result.Apartment!;
    }

    private static void RequirePaidBy(Apartment apartment, string? reservationId)
    {
        if (apartment.Status != ApartmentStatus.Paid)
        {
            throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Apartment '{apartment.Id}' is {apartment.Status.ToString().ToLowerInvariant()}, not paid; only a paid stay can be checked out. Nothing changed.");
        }

        if (reservationId is not null && apartment.ReservationId != reservationId)
        {
            throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Apartment '{apartment.Id}' was paid for by reservation '{apartment.ReservationId}', not '{reservationId}'. Nothing changed.");
        }
    }
}
