using Booking.Api.Access;
using Booking.Api.Limits;
using Booking.Api.Seed;
using Booking.Api.Services;
using Booking.Core.Apartments;
using GraphQL;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class BookingMutation : ObjectGraphType
{
    public BookingMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<ApartmentGraphType>, Apartment>("addApartment")
            .Description("Operators only (the x-operator-key header): adds a vacant apartment; an existing id is refused with CONFLICT and left unchanged.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ForOperators()
            .ResolveAsync(ctx => ctx.Booking().Apartments.AddAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)!);

        Field<NonNullGraphType<ReservationGraphType>, ReservationView>("reserveApartment")
            .Description("Starts a reservation and waits a moment for the hold: PENDING_PAYMENT, REJECTED or FAILED, or REQUESTED when still undecided. One per request.")
            .Argument<NonNullGraphType<ReserveApartmentInputGraphType>>("input")
            .StartsAReservation()
            .ResolveAsync(ctx => ctx.Booking().Reservations.ReserveAsync(ctx.GetArgument<ReserveApartmentInput>("input"), ctx.Booking().Caller, ctx.CancellationToken)!);

        Field<NonNullGraphType<ReservationGraphType>, ReservationView>("confirmPayment")
            .Description("Operators only (the x-operator-key header): marks a reservation paid. Clients pay through the payment provider, whose webhook confirms the payment.")
            .Argument<NonNullGraphType<IdGraphType>>("reservationId")
            .ForOperators()
            .ResolveAsync(ctx => ctx.Booking().Reservations.ConfirmPaymentAsync(ctx.GetArgument<string>("reservationId"), ctx.CancellationToken)!);

        Field<NonNullGraphType<ReservationGraphType>, ReservationView>("cancelReservation")
            .Description("Cancels a reservation and frees its apartment: with the token its reserveApartment answer carried, or, for operators (the x-operator-key header), without one.")
            .Argument<NonNullGraphType<IdGraphType>>("reservationId")
            .Argument<StringGraphType>("token", "The token the reserveApartment answer carried; operators may leave it out.")
            .ResolveAsync(ctx => ctx.Booking().Reservations.CancelAsync(ctx.GetArgument<string>("reservationId"), ctx.GetArgument<string?>("token"), ctx.Booking().Caller, ctx.CancellationToken)!);

        Field<NonNullGraphType<ApartmentGraphType>, Apartment>("checkOut")
            .Description("Operators only (the x-operator-key header): ends a paid stay, paid → vacant, so the apartment can be booked again. Only from paid, and only for the reservation that paid (reservationId, when given, must be it).")
            .Argument<NonNullGraphType<IdGraphType>>("apartmentId")
            .Argument<IdGraphType>("reservationId")
            .ForOperators()
            .ResolveAsync(ctx => ctx.Booking().Apartments.CheckOutAsync(ctx.GetArgument<string>("apartmentId"), ctx.GetArgument<string?>("reservationId"), ctx.CancellationToken)!);

        Field<NonNullGraphType<ApartmentGraphType>, Apartment>("retireApartment")
            .Description("Operators only (the x-operator-key header): removes a vacant apartment from the catalogue; one that is reserved or paid is refused with CONFLICT and left unchanged. Its past reservations stay readable.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ForOperators()
            .ResolveAsync(ctx => ctx.Booking().Apartments.RetireAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken)!);

        Field<StepFunctionsGraphType, StepFunctionView>("addStepFunction")
            .Description("The seed's mutation: starts a reservation workflow named input.id and echoes {id, arn}. One per request. The reservation's token, for its holder to cancel it, is in the response's extensions.tokens under the field's name or alias, only for the request that started it.")
            .Argument<NonNullGraphType<StepFunctionsInputGraphType>>("input")
            .StartsAReservation()
            .ResolveAsync(async ctx =>
            {
                var (view, token) = await ctx.Booking().StepFunctions.AddAsync(ctx.GetArgument<StepFunctionsInput>("input"), ctx.Booking().Caller, ctx.CancellationToken);
                if (token is not null)
                {
                    ctx.SetOutputExtension($"tokens.{ctx.FieldAst.Alias?.Name.StringValue ?? ctx.FieldAst.Name.StringValue}", token);
                }

                return view;
            });
    }
}
