package naming

import "testing"

func TestGoName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"tenantId", "TenantID"},
		{"id", "ID"},
		{"system_message_type", "SystemMessageType"},
		{"calendly.response", "CalendlyResponse"},
		{"appointment_booking.response", "AppointmentBookingResponse"},
		{"SessionActivityAvResponse", "SessionActivityAvResponse"},
		{"previewUrl", "PreviewURL"},
		{"thumbnail2x_url", "Thumbnail2xURL"},
		{"originalFormID", "OriginalFormID"},
		{"formFieldSetUUID", "FormFieldSetUUID"},
		{"ONAPPINSTALL", "Onappinstall"},
		{"CRM_SUCCESS_EVENT", "CRMSuccessEvent"},
		{"smsFailedEvent", "SMSFailedEvent"},
		{"HTTPServer", "HTTPServer"},
		{"routing.assigned_remotely_signed_out", "RoutingAssignedRemotelySignedOut"},
		{"rating.chat_rated", "RatingChatRated"},
		{"2fa", "V2fa"},
		{"image/png", "ImagePng"},
		{"---", ""},
	} {
		if got := GoName(tc.in); got != tc.want {
			t.Errorf("GoName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SessionStarted", "sessionStarted"},
		{"ID", "id"},
		{"URLPreview", "urlPreview"},
		{"already", "already"},
		{"X", "x"},
	} {
		if got := LowerFirst(tc.in); got != tc.want {
			t.Errorf("LowerFirst(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
