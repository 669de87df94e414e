ALTER TABLE "quality_agreements" ADD COLUMN "required_delivery_documents" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "quality_agreements" ADD COLUMN "missing_documents" text DEFAULT 'REFUSE' NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "required_documents" jsonb DEFAULT '[]'::jsonb NOT NULL;