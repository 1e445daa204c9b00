"""The system as a whole: which services make it up, how to start them, their topology."""

SERVICE_CLASSES = {
    "posts": "services.posts.service:PostsService",
    "attendance": "services.attendance.service:AttendanceService",
    "documents": "services.documents.service:DocumentsService",
    "inquiries": "services.inquiries.service:InquiriesService",
    "accountability": "services.accountability.service:AccountabilityService",
}
GATEWAY = "gateway.service:GatewayService"
